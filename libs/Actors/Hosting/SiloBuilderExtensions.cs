using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Twins.Actors.Filters;
using Twins.Actors.Reminders;
using Twins.Actors.Storage;

namespace Twins.Actors.Hosting;

/// <summary>Storage, reminders, serialization and filters for a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Registers a source-generated JSON context for grain state, arguments and results.</summary>
    public static ISiloBuilder AddJsonSerializerContext(this ISiloBuilder builder, IJsonTypeInfoResolver context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(context);
        builder.Services.Configure<GrainSerializationOptions>(o => o.TypeInfoResolvers.Add(context));
        return builder;
    }

    /// <summary>Adds a named grain storage provider built by <paramref name="factory"/> (the key of <c>[PersistentState(name, store)]</c>).</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        return builder;
    }

    /// <summary>Adds an in-memory store (JSON in process memory).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = SiloOptions.DefaultStorage) =>
        builder.AddGrainStorage(name, sp => new MemoryGrainStorage(name, sp.GetRequiredService<IGrainStateSerializer>()));

    /// <summary>Adds a SQLite store (one file, WAL mode).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteStorageOptions();
        configure(options);
        return builder.AddGrainStorage(name, sp => new SqliteGrainStorage(name, options, sp.GetRequiredService<IGrainStateSerializer>()));
    }

    /// <summary>Uses <paramref name="table"/> (or one built from services) for reminders.</summary>
    public static ISiloBuilder UseReminderTable(this ISiloBuilder builder, Func<IServiceProvider, IReminderTable> table)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton(table);
        return builder;
    }

    /// <summary>Keeps reminders in memory (lost when the process ends).</summary>
    public static ISiloBuilder UseInMemoryReminders(this ISiloBuilder builder) => builder.UseReminderTable(_ => new MemoryReminderTable());

    /// <summary>Keeps reminders in a SQLite file (the state store's file is a good choice).</summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteStorageOptions();
        configure(options);
        return builder.UseReminderTable(_ => new SqliteReminderTable(options));
    }

    /// <summary>Adds a filter around every call delivered to a grain here.</summary>
    public static ISiloBuilder AddIncomingGrainCallFilter<TFilter>(this ISiloBuilder builder) where TFilter : class, IIncomingGrainCallFilter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return builder;
    }

    /// <summary>Adds a filter around every call made from this process.</summary>
    public static ISiloBuilder AddOutgoingGrainCallFilter<TFilter>(this ISiloBuilder builder) where TFilter : class, IOutgoingGrainCallFilter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return builder;
    }
}
