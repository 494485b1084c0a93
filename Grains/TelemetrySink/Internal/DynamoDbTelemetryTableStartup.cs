using Microsoft.Extensions.Hosting;

namespace Twins.Grains.TelemetrySink.Internal;

/// <summary>Creates the telemetry table when the silo starts, like the silo's other DynamoDB tables, so no sample waits for it.</summary>
internal sealed class DynamoDbTelemetryTableStartup(DynamoDbTelemetrySink sink) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sink.EnsureTableAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
