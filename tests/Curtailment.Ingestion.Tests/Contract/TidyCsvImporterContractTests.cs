using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Tidy;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class TidyCsvImporterContractTests : ImporterContract
{
    private const string Header = "interval_start_utc,region,series,value,interval_end_utc,published_at_utc\n";

    protected override IFileImporter Importer { get; } = new TidyCsvImporter();

    protected override ContractFile Valid => ContractFile.Text("tidy.csv",
        Header + "2021-03-01T00:00:00Z,CAISO,demand_mw,25000,2021-03-01T01:00:00Z,2021-03-01T01:00:00Z\n");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Text("tidy.csv", "time,region,series,value\n2021-03-01T00:00:00Z,CAISO,demand_mw,1\n"), 1, 1, "interval_start_utc");

    // The repeated 01:00 of 7 November 2021 in California: UTC instants keep both.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving => (ContractFile.Text("tidy.csv", Header
        + "2021-11-07T08:00:00Z,CAISO,demand_mw,100,2021-11-07T09:00:00Z,2021-11-07T09:00:00Z\n"
        + "2021-11-07T09:00:00Z,CAISO,demand_mw,101,2021-11-07T10:00:00Z,2021-11-07T10:00:00Z\n"
        + "2021-11-07T10:00:00Z,CAISO,demand_mw,102,2021-11-07T11:00:00Z,2021-11-07T11:00:00Z\n"), "demand_mw", 3);
}
