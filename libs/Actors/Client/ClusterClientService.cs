using Microsoft.Extensions.Hosting;
using Twins.Actors.Membership.Internal;
using Twins.Actors.Transport.Internal;

namespace Twins.Actors.Client;

/// <summary>
/// Reads the membership table and links to every active silo before the client is used (so grains on any silo
/// can call back its observers), keeps its view fresh, and closes its connections on stop.
/// </summary>
internal sealed class ClusterClientService(MembershipAgent membership, ClusterTransport transport) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
        membership.StartRefreshing();
        await transport.ConnectToActiveSilosAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.Dispose();
        transport.Dispose();
        return Task.CompletedTask;
    }
}
