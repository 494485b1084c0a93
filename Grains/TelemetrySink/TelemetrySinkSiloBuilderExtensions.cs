using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Twins.Grains.TelemetrySink.Internal;

namespace Twins.Grains.TelemetrySink;

/// <summary>Chooses the telemetry sink of a silo (without one, vehicle grains use the SQLite sink).</summary>
public static class TelemetrySinkSiloBuilderExtensions
{
    /// <summary>
    /// Makes the silo's telemetry sink the DynamoDB one (table <paramref name="tableName"/>, created with its seq
    /// index when the silo starts if missing) with a client from <paramref name="createClient"/>, which it owns.
    /// Register it before <c>AddVehicleGrains</c> or after: it replaces the default SQLite sink either way.
    /// </summary>
    public static ISiloBuilder AddDynamoDbTelemetrySink(this ISiloBuilder silo, Func<IAmazonDynamoDB> createClient, string tableName = DynamoDbTelemetrySink.DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(createClient);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        silo.Services.AddSingleton(sp => new DynamoDbTelemetrySink(
            createClient(), sp.GetRequiredService<ILogger<DynamoDbTelemetrySink>>(), tableName, sp.GetRequiredService<TimeProvider>(), disposeClient: true));
        silo.Services.RemoveAll<ITelemetrySink>();
        silo.Services.AddSingleton<ITelemetrySink>(sp => sp.GetRequiredService<DynamoDbTelemetrySink>());
        silo.Services.AddHostedService<DynamoDbTelemetryTableStartup>();
        return silo;
    }
}
