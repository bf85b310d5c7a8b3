using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Aemo;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.De;
using Curtailment.Ingestion.Eia930;
using Curtailment.Ingestion.Gb;
using Curtailment.Ingestion.Tidy;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Ingestion;

/// <summary>Registers the importers.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds every file importer and the <see cref="ImporterCatalog"/>.</summary>
    public static IServiceCollection AddCurtailmentIngestion(this IServiceCollection services)
    {
        services.AddSingleton<IFileImporter, TidyCsvImporter>();
        services.AddSingleton<IFileImporter, CaisoProductionImporter>();
        services.AddSingleton<IFileImporter, CaisoCurtailmentReportImporter>();
        services.AddSingleton<IFileImporter, CaisoOutlookImporter>();
        services.AddSingleton<IFileImporter, CaisoOasisImporter>();
        services.AddSingleton<IFileImporter, Eia930Importer>();
        services.AddSingleton<IFileImporter, Eia930ApiImporter>();
        services.AddSingleton<IFileImporter, AemoPriceDemandImporter>();
        services.AddSingleton<IFileImporter, DeRedispatchImporter>();
        services.AddSingleton<IFileImporter, GbBoaCurtailmentImporter>();
        services.AddSingleton<IFileImporter, GbBoundaryConstraintsImporter>();
        services.AddSingleton<IFileImporter, GbForecastImporter>();
        services.AddSingleton<ImporterCatalog>();
        return services;
    }
}
