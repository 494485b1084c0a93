using Microsoft.Extensions.Hosting;
using Twins.Actors.Membership.Internal;
using Twins.Actors.Transport.Internal;

namespace Twins.Actors.Client;

/// <summary>Reads the membership table before the client is used, keeps its view fresh, and closes its connections on stop.</summary>
internal sealed class ClusterClientService(MembershipAgent membership, ClusterTransport transport) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
        membership.StartRefreshing();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.Dispose();
        transport.Dispose();
        return Task.CompletedTask;
    }
}
