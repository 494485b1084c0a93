namespace Twins.Actors.Transport;

/// <summary>A call could not reach the silo that owns its grain (it is gone, unreachable, or the cluster has no active silo).</summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SiloUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
