using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Aemo;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class AemoPriceDemandImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new AemoPriceDemandImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Aemo/PRICE_AND_DEMAND_202401_SA1.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Fixture("Aemo/PRICE_AND_DEMAND_202401_SA1_wrong_header.csv"), 1, 3, "TOTALDEMAND");

    // Adelaide moved its clocks at 02:00 on 1 October 2023; NEM time did not, so every interval stays.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving => (ContractFile.Text("PRICE_AND_DEMAND_202310_SA1.csv",
        "REGION,SETTLEMENTDATE,TOTALDEMAND,RRP,PERIODTYPE\nSA1,2023/10/01 01:55:00,900.5,20.1,TRADE\nSA1,2023/10/01 02:00:00,899.2,19.8,TRADE\n"
        + "SA1,2023/10/01 02:05:00,897.0,-5.0,TRADE\nSA1,2023/10/01 03:00:00,880.4,-12.5,TRADE\n"), SeriesIds.Demand, 4);
}
