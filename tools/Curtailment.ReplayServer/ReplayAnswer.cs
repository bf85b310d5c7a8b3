namespace Curtailment.ReplayServer;

/// <summary>What the replay server sends for one request: status, content type and the whole body.</summary>
internal sealed record ReplayAnswer(int Status, string ContentType, byte[] Body)
{
    public static ReplayAnswer NotFound(string what) =>
        new(404, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes($"404 Not Found: {what}\n"));

    /// <summary>The page CAISO answers, with status 200, for a document it does not have (yet).</summary>
    public static ReplayAnswer PlaceholderPage(string what) =>
        new(200, "text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html>\n<html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>{System.Net.WebUtility.HtmlEncode(what)}</p></body></html>\n"));
}

/// <summary>
/// A request the server recognised: which feed's file it is (for faults and counts), which days that file's period
/// holds, and how to answer it at the current virtual time. A request for no feed (a malformed query) has a null feed.
/// </summary>
internal sealed record ReplayRoute(string? Feed, Func<DateOnly, bool> InPeriod, Func<ReplayAnswer> Answer)
{
    public static ReplayRoute Fixed(ReplayAnswer answer) => new(null, _ => false, () => answer);
}
