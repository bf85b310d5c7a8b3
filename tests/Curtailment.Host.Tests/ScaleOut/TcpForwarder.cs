using System.Net;
using System.Net.Sockets;

namespace Curtailment.Host.Tests.ScaleOut;

/// <summary>
/// Forwards every connection to a loopback port to another address: "PostgreSQL becomes reachable at this port" for a
/// process started before it, without starting a second server.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _pumps = [];

    private TcpForwarder(int port, string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    public static TcpForwarder Start(int port, string targetHost, int targetPort) => new(port, targetHost, targetPort);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Accepted++;
            lock (_pumps)
            {
                _pumps.Add(PumpAsync(client));
            }
        }
    }

    private async Task PumpAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
                var a = client.GetStream();
                var b = server.GetStream();
                // Either side closing ends both, as a direct connection would.
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A connection that ends abruptly ends here too.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] pumps;
        lock (_pumps)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps);
        _stop.Dispose();
    }
}
