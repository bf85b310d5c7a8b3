using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Curtailment.Models.Ssa;

/// <summary>
/// Moves the roots of the recurrence's characteristic polynomial that would make forecasts grow.
/// </summary>
/// <remarks>
/// Oscillating roots (complex, or real negative) outside the unit circle are scaled onto it; real positive
/// (trend) roots are limited to the allowed growth ratio when one is given, and otherwise kept (ML.NET).
/// Only the offending roots are touched, by deflation: p(z)·(z − λ)/(z − μ). Dividing by (z − μ) runs from
/// the constant term up, which is forward-stable for |μ| &gt; 1, so a degree-288 polynomial is never
/// re-expanded from its (inexact) roots and the untouched roots stay exactly where they were.
/// </remarks>
internal static class RecurrenceStabilizer
{
    private const double RealTolerance = 1e-12;

    public static double[] Stabilize(double[] alpha, double? maxTrendRatio)
    {
        int m = alpha.Length;
        var companion = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            companion[0, i] = alpha[m - 1 - i];
        }

        for (int i = 1; i < m; i++)
        {
            companion[i, i - 1] = 1;
        }

        var roots = companion.Evd().EigenValues;

        // c[k] is the coefficient of z^k in p(z) = z^m − Σ aᵢ z^i.
        var c = new Complex[m + 1];
        c[m] = 1;
        for (int i = 0; i < m; i++)
        {
            c[i] = -alpha[i];
        }

        bool changed = false;
        foreach (var mu in roots)
        {
            double modulus = mu.Magnitude;
            bool trend = Math.Abs(mu.Imaginary) <= RealTolerance * Math.Max(1, modulus) && mu.Real > 0;
            double limit = trend ? maxTrendRatio ?? double.PositiveInfinity : 1.0;
            if (modulus <= limit)
            {
                continue;
            }

            Replace(c, mu, mu * (limit / modulus));
            changed = true;
        }

        if (!changed)
        {
            return alpha;
        }

        var stabilized = new double[m];
        for (int i = 0; i < m; i++)
        {
            stabilized[i] = -c[i].Real;
        }

        return stabilized;
    }

    /// <summary>c ← c·(z − λ)/(z − μ) for a root μ with |μ| &gt; 1.</summary>
    private static void Replace(Complex[] c, Complex mu, Complex lambda)
    {
        int m = c.Length - 1;
        var q = new Complex[m];
        q[0] = -c[0] / mu;
        for (int k = 1; k < m; k++)
        {
            q[k] = (q[k - 1] - c[k]) / mu;
        }

        c[0] = -lambda * q[0];
        for (int k = 1; k < m; k++)
        {
            c[k] = q[k - 1] - (lambda * q[k]);
        }

        // The leading coefficient stays 1; q[m - 1] only approximates it after the bottom-up division.
    }
}
