using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Twins.Actors;
using Twins.Actors.Hosting;
using Twins.Actors.Membership;
using Twins.Actors.Reminders;
using Twins.Actors.Storage;

namespace Twins.Testing;

/// <summary>
/// Silos in one process sharing a <see cref="ManualTimeProvider"/>, an in-memory grain store (named
/// <see cref="SiloOptions.DefaultStorage"/> and <c>store</c>) and an in-memory reminder table, all owned by
/// the cluster so they survive silo restarts. Tests start, stop and restart silos and move the clock.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly Action<ISiloBuilder>? _configureSilo;
    private readonly Action<SiloOptions>? _configureOptions;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly Action<ClusterOptions>? _configureCluster;
    private int _nextSilo;

    /// <summary>
    /// Creates a cluster; call <see cref="StartSiloAsync"/> to start silos. With <paramref name="clustered"/>
    /// the silos form a real cluster: a shared in-memory membership table (<see cref="Membership"/>),
    /// rendezvous placement, and TCP between silos on free loopback ports, with heartbeats and failure
    /// detection driven by the manual clock.
    /// </summary>
    public TestCluster(Action<ISiloBuilder>? configureSilo = null, Action<SiloOptions>? configureOptions = null, Action<IServiceCollection>? configureServices = null, bool clustered = false, Action<ClusterOptions>? configureCluster = null)
    {
        _configureSilo = configureSilo;
        _configureOptions = configureOptions;
        _configureServices = configureServices;
        _configureCluster = configureCluster;
        IsClustered = clustered;
        Serializer = new JsonGrainStateSerializer(new System.Text.Json.JsonSerializerOptions());
    }

    /// <summary>Whether the silos form a cluster over TCP (otherwise each silo is on its own).</summary>
    public bool IsClustered { get; }

    /// <summary>The shared membership table of a clustered test cluster.</summary>
    public MemoryMembershipTable Membership { get; } = new();

    /// <summary>The clock every silo uses.</summary>
    public ManualTimeProvider TimeProvider { get; } = new();

    /// <summary>The shared reminder table (used unless a silo configures another).</summary>
    public MemoryReminderTable Reminders { get; } = new();

    /// <summary>The serializer the shared store was created with (set by the first silo).</summary>
    public IGrainStateSerializer Serializer { get; private set; }

    /// <summary>The shared in-memory store (created by the first silo, with its serializer).</summary>
    public MemoryGrainStorage? Storage { get; private set; }

    /// <summary>The silos started so far (running or not).</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>The first running silo's grain factory.</summary>
    public IGrainFactory Client => _silos.First(s => s.IsRunning).GrainFactory;

    /// <summary>The first running silo.</summary>
    public TestSilo Primary => _silos.First(s => s.IsRunning);

    /// <summary>Starts a new silo.</summary>
    public async Task<TestSilo> StartSiloAsync(CancellationToken cancellationToken = default)
    {
        var name = $"silo{_nextSilo++}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(TimeProvider);
        var silo = builder.Services.AddTwinsSilo(o =>
        {
            o.SiloName = name;
            _configureOptions?.Invoke(o);
        });
        silo.AddGrainStorage(SiloOptions.DefaultStorage, SharedStorage);
        silo.AddGrainStorage("store", SharedStorage);
        silo.UseReminderTable(_ => Reminders);
        if (IsClustered)
        {
            silo.UseInMemoryClustering(Membership, o =>
            {
                o.SiloPort = 0;
                o.AdvertisedHost = "127.0.0.1";
                _configureCluster?.Invoke(o);
            });
        }

        _configureSilo?.Invoke(silo);
        _configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        _ = host.Services.GetRequiredKeyedService<IGrainStorage>("store");
        var testSilo = new TestSilo(name, host);
        await host.StartAsync(cancellationToken);
        testSilo.IsRunning = true;
        _silos.Add(testSilo);
        return testSilo;
    }

    /// <summary>Stops a silo gracefully (its activations deactivate).</summary>
    public async Task StopSiloAsync(TestSilo silo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (!_silos.Contains(silo))
        {
            throw new ArgumentException($"{silo} is not a silo of this cluster.", nameof(silo));
        }

        if (!silo.IsRunning)
        {
            return;
        }

        silo.IsRunning = false;
        await silo.Host.StopAsync(cancellationToken);
        silo.Host.Dispose();
    }

    /// <summary>
    /// Kills a silo as a crash would: its sockets close and its heartbeats stop, but it neither leaves the
    /// membership table nor deactivates its grains. Other silos declare it dead when the clock passes
    /// the death timeout.
    /// </summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (!_silos.Contains(silo))
        {
            throw new ArgumentException($"{silo} is not a silo of this cluster.", nameof(silo));
        }

        if (!silo.IsRunning)
        {
            return;
        }

        silo.IsRunning = false;
        if (silo.Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            silo.Host.Dispose();
        }
    }

    /// <summary>Stops a silo and starts a new one in its place (same shared stores and clock).</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo, CancellationToken cancellationToken = default)
    {
        await StopSiloAsync(silo, cancellationToken);
        return await StartSiloAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => s.IsRunning).ToList())
        {
            await StopSiloAsync(silo);
        }
    }

    private MemoryGrainStorage SharedStorage(IServiceProvider services)
    {
        lock (_silos)
        {
            if (Storage is null)
            {
                Serializer = services.GetRequiredService<IGrainStateSerializer>();
                Storage = new MemoryGrainStorage("store", Serializer);
            }

            return Storage;
        }
    }
}
