using System.Net;

namespace Curtailment.Contracts.Client;

/// <summary>An error answer of the API (problem+json): the status, title, detail and, for a 400, the message per bad parameter.</summary>
public sealed class CurtailmentApiException : HttpRequestException
{
    /// <summary>An error answer of <paramref name="request"/>.</summary>
    public CurtailmentApiException(string request, HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(request, status, title, detail, errors), null, status)
    {
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    /// <summary>The problem's title (<c>Unknown region.</c>).</summary>
    public string? Title { get; }

    /// <summary>The problem's detail, when it has one.</summary>
    public string? Detail { get; }

    /// <summary>Messages per bad parameter (empty unless a 400).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(string request, HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors) =>
        $"{request} answered {(int)status}: {title ?? status.ToString()}"
        + (detail is null ? "" : $" {detail}")
        + string.Concat(errors.Select(e => $" {e.Key}: {string.Join(" ", e.Value)}"));
}
