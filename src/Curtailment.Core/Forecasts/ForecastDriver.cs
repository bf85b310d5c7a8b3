namespace Curtailment.Core.Forecasts;

/// <summary>One input that moved a day's forecast, in words a scheduler can read.</summary>
/// <param name="Feature">The model feature's name (<c>net_load_fc</c>).</param>
/// <param name="Effect">Whether it raised or lowered the forecast.</param>
/// <param name="Text">The sentence shown to people (<c>low net load forecast (4,210 MW at 13:00) raises the forecast</c>).</param>
public sealed record ForecastDriver(string Feature, DriverEffect Effect, string Text);
