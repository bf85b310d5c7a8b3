namespace Curtailment.Contracts;

/// <summary>One input that moved a day's forecast.</summary>
/// <param name="Feature">The model feature's name (<c>net_load_fc</c>).</param>
/// <param name="Effect"><c>raises</c> or <c>lowers</c>: which way it moved the forecast.</param>
/// <param name="Text">A sentence for people (<c>low net load forecast (4,210 MW at 13:00) raises the forecast</c>).</param>
public sealed record ForecastDriverResponse(string Feature, string Effect, string Text);
