using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Twins.Grains.FleetIndex;

/// <summary>Registers the fleet index that vehicle grains write.</summary>
public static class FleetIndexSiloBuilderExtensions
{
    /// <summary>
    /// Adds the SQLite fleet index in <paramref name="dataSource"/> (normally the grain store's file), the
    /// writer vehicle grains call (fields from <c>Twins:FleetIndex</c>).
    /// </summary>
    public static ISiloBuilder AddSqliteFleetIndex(this ISiloBuilder silo, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(dataSource);
        return silo.AddFleetIndex(_ => new SqliteFleetIndex(dataSource));
    }

    /// <summary>Adds the DynamoDB fleet index (table <paramref name="tableName"/>, created if missing) with a client from <paramref name="createClient"/>.</summary>
    public static ISiloBuilder AddDynamoDbFleetIndex(this ISiloBuilder silo, Func<IAmazonDynamoDB> createClient, string tableName = DynamoDbFleetIndex.DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(createClient);
        return silo.AddFleetIndex(_ => new DynamoDbFleetIndex(createClient(), tableName));
    }

    /// <summary>Adds a fleet index made by <paramref name="factory"/> (for example the DynamoDB one) and the writer.</summary>
    public static ISiloBuilder AddFleetIndex(this ISiloBuilder silo, Func<IServiceProvider, IFleetIndex> factory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(factory);
        silo.Services.AddOptions<FleetIndexOptions>().BindConfiguration(FleetIndexOptions.SectionName);
        silo.Services.TryAddSingleton(factory);
        silo.Services.TryAddSingleton<FleetIndexWriter>();
        return silo;
    }
}
