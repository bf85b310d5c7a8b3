using Hangfire.Dashboard;

namespace Curtailment.Host.Security;

/// <summary>
/// The Hangfire dashboard: in Development, local requests only; elsewhere only requests carrying a
/// configured API key (set the header in a reverse proxy or a browser extension). Never open.
/// </summary>
public sealed class DashboardAuthorizationFilter(IHostEnvironment environment, ApiKeyValidator validator) : IDashboardAuthorizationFilter
{
    /// <inheritdoc />
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (validator.IsAuthorized(http))
        {
            return true;
        }

        if (!environment.IsDevelopment())
        {
            return false;
        }

        var remote = http.Connection.RemoteIpAddress;
        return remote is null || System.Net.IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }
}
