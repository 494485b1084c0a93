namespace Twins.Silo.Hosting;

/// <summary>What a process started from the silo's entry point runs (<c>Twins:Role</c>).</summary>
public enum SiloRole
{
    /// <summary>Grains, storage, the GraphQL API and (unless <c>Gateway:Enabled</c> is false) the gateway workers.</summary>
    Silo,

    /// <summary>Only the gateway workers and the provisioning endpoint, calling the cluster's silos as a cluster client (no grains, no API).</summary>
    Gateway,
}
