namespace Twins.Simulator;

/// <summary>Provisioning by claim answered <c>/rejected</c> (for example a VIN not on the allow-list).</summary>
internal sealed class ProvisioningRejectedException : Exception
{
    public ProvisioningRejectedException()
    {
    }

    public ProvisioningRejectedException(string message)
        : base(message)
    {
    }

    public ProvisioningRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
