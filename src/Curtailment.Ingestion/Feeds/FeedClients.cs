namespace Curtailment.Ingestion.Feeds;

/// <summary>Names of the HTTP clients, one per operator host, so that one operator's failures open only its own circuit.</summary>
internal static class FeedClients
{
    public const string Caiso = "feeds-caiso";
    public const string Oasis = "feeds-caiso-oasis";
    public const string Eia = "feeds-eia";
    public const string Aemo = "feeds-aemo";

    public static readonly string[] All = [Caiso, Oasis, Eia, Aemo];
}
