namespace Curtailment.Contracts;

/// <summary>A contiguous run of forecast intervals that pass the window thresholds.</summary>
/// <param name="Start">Start of the first interval (UTC).</param>
/// <param name="End">End of the last interval (UTC).</param>
/// <param name="ExpectedMwh">Sum of predicted MW x interval hours (predicted values below zero count as zero); meaningless for a proxy target.</param>
/// <param name="MeanProbability">Mean event probability of the intervals.</param>
/// <param name="PeakMw">Largest predicted value in the run (MW, or the proxy target's unit).</param>
/// <param name="Intervals">Number of forecast intervals in the run.</param>
/// <param name="ExpectedEventHours">Sum of event probability x interval hours: the expected hours of events in the run.</param>
public sealed record CurtailmentWindowResponse(
    DateTimeOffset Start, DateTimeOffset End, double ExpectedMwh, double MeanProbability, double PeakMw, int Intervals, double ExpectedEventHours);
