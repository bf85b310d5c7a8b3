using System.Net;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// A download that did not produce a whole file: an error status after retries, a timeout, a connection
/// failure, or an empty or cut-off body. The message names the URL so an operator can retry it by hand.
/// </summary>
public sealed class FetchException : Exception
{
    /// <summary>Creates the exception for <paramref name="url"/>.</summary>
    public FetchException(string url, string problem, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base($"{url}: {problem}", innerException)
    {
        Url = url;
        StatusCode = statusCode;
    }

    /// <summary>The URL that failed.</summary>
    public string Url { get; }

    /// <summary>The final HTTP status, when the server answered.</summary>
    public HttpStatusCode? StatusCode { get; }
}
