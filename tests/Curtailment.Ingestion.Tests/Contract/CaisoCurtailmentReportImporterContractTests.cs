using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class CaisoCurtailmentReportImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new CaisoCurtailmentReportImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Caiso/Report/Apr03_2017_curtailment.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural => (ContractFile.Text("Apr03_2017_curtailment.csv",
        ",DATE,HOUR,TYPE,REASON,FUEL TYPE,CURTAILED MWH,CURTAILED MW\n0,04/03,8,Economic,System,SOLR,1,\n"), 1, 4, "expected column 'CURT TYPE'");

    // Hour 2 (01:00 PDT), the same row again and hour 25 (01:00 PST), hour 3 (02:00 PST): three hours.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Caiso/Report/Nov06_2016_curtailment.csv"), SeriesIds.TotalCurtailment, 3);
}
