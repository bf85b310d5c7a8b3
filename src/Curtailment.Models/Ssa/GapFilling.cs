namespace Curtailment.Models.Ssa;

/// <summary>Fills NaN gaps in place so the series keeps its time alignment.</summary>
internal static class GapFilling
{
    /// <summary>Linear interpolation inside gaps; leading and trailing gaps take the nearest known value.</summary>
    /// <exception cref="ArgumentException">Every point is NaN or a value is infinite.</exception>
    public static void InterpolateInPlace(double[] y, string paramName)
    {
        int previous = -1;
        for (int t = 0; t < y.Length; t++)
        {
            if (double.IsInfinity(y[t]))
            {
                throw new ArgumentException($"The series holds an infinite value at index {t}.", paramName);
            }

            if (double.IsNaN(y[t]))
            {
                continue;
            }

            if (previous < 0)
            {
                Array.Fill(y, y[t], 0, t);
            }
            else
            {
                for (int g = previous + 1; g < t; g++)
                {
                    double w = (double)(g - previous) / (t - previous);
                    y[g] = ((1 - w) * y[previous]) + (w * y[t]);
                }
            }

            previous = t;
        }

        if (previous < 0)
        {
            throw new ArgumentException("The series holds no values (all NaN).", paramName);
        }

        Array.Fill(y, y[previous], previous + 1, y.Length - previous - 1);
    }
}
