namespace Curtailment.Pipelines.Ingest;

/// <summary>The outcome of one period of a backfill.</summary>
/// <param name="Period">The period's first day (operator's local day).</param>
/// <param name="Outcome">What happened.</param>
/// <param name="File">The import, when a file was fetched (a refused file is a failed run with the importer's file/line/column message).</param>
/// <param name="Problem">Why the period failed or was not published, in words.</param>
public sealed record BackfillPeriodResult(DateOnly Period, BackfillOutcome Outcome, IngestFileResult? File, string? Problem);
