using System.Security.Cryptography;
using System.Text;
using Curtailment.Host.Options;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Security;

/// <summary>Checks the <c>X-Api-Key</c> header against the configured keys (constant-time per key).</summary>
public sealed class ApiKeyValidator(IOptionsMonitor<ApiOptions> options)
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Whether the request carries one of the configured keys; always false when none is configured.</summary>
    public bool IsAuthorized(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = context.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var key in options.CurrentValue.Keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key));
        }

        return match;
    }
}
