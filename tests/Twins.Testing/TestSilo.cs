using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Twins.Actors;
using Twins.Actors.Membership;
using Twins.Actors.Runtime;

namespace Twins.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: its host, services and grain factory.</summary>
public sealed class TestSilo
{
    internal TestSilo(string name, IHost host)
    {
        Name = name;
        Host = host;
    }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>The silo's host.</summary>
    public IHost Host { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's activations.</summary>
    public ILocalGrainCatalog Catalog => Services.GetRequiredService<ILocalGrainCatalog>();

    /// <summary>The silo's membership view and address (null unless the cluster is clustered).</summary>
    public IClusterMembership? Membership => Services.GetService<IClusterMembership>();

    /// <summary>Whether the silo is running.</summary>
    public bool IsRunning { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
