using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// One whole-file GET through a resilient typed client, turning every way a download can go wrong into a
/// <see cref="FetchException"/> that names the URL. Only the caller's own cancellation passes through as is.
/// </summary>
internal static class HttpDownload
{
    public static async Task<byte[]> GetBytesAsync(HttpClient client, Uri url, TimeSpan totalTimeout, CancellationToken cancellationToken) =>
        await GetBytesOrNullAsync(client, url, url.AbsoluteUri, totalTimeout, notFoundIsNull: false, cancellationToken)
        ?? throw new InvalidOperationException("unreachable: a 404 throws when notFoundIsNull is false");

    /// <summary>
    /// The body of <paramref name="url"/>, or null on 404 when <paramref name="notFoundIsNull"/> (an operator's
    /// "not published yet"). Messages name <paramref name="shownUrl"/>, which hides secrets such as API keys.
    /// </summary>
    public static async Task<byte[]?> GetBytesOrNullAsync(HttpClient client, Uri url, string shownUrl, TimeSpan totalTimeout, bool notFoundIsNull,
        CancellationToken cancellationToken)
    {
        var text = shownUrl;

        // The resilience handler's timeouts end when the headers arrive; this one also bounds the body.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(totalTimeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchException(text, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} (after retries).", response.StatusCode);
            }

            var expected = response.Content.Headers.ContentLength;
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new FetchException(text,
                    $"the body was cut off{(expected is { } n ? $" before its Content-Length of {n} bytes" : string.Empty)}: {e.Message}",
                    response.StatusCode, e);
            }

            if (body.Length == 0)
            {
                throw new FetchException(text, "the server sent an empty body; an empty file is never a valid download.", response.StatusCode);
            }

            // HttpClient normally notices a short body itself; checked again so no path stores half a file.
            if (expected is { } length && body.Length < length)
            {
                throw new FetchException(text, $"the body has {body.Length} of its Content-Length of {length} bytes (truncated).", response.StatusCode);
            }

            return body;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new FetchException(text, $"no complete answer within the total timeout of {totalTimeout}.", innerException: e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new FetchException(text, $"timed out on every attempt ({e.Timeout} each) or overall.", innerException: e);
        }
        catch (BrokenCircuitException e)
        {
            throw new FetchException(text, "too many recent failures; the circuit breaker is open, try again later.", innerException: e);
        }
        catch (HttpRequestException e)
        {
            // The client's message may quote the request URL, secrets included: only the status and the shown URL leave.
            throw new FetchException(text, $"request failed after retries ({e.HttpRequestError}).", e.StatusCode, e);
        }
    }
}
