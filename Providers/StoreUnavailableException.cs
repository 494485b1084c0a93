namespace Twins.Providers;

/// <summary>
/// A provider could not reach its store (a DynamoDB endpoint that does not answer, a SQLite file that cannot be
/// opened). Thrown at start-up, where it stops the silo or client with a message naming the store, the setting
/// that points at it and the cause.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What could not be reached, through which setting, and why.</param>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the store's own error.</summary>
    /// <param name="message">What could not be reached, through which setting, and why.</param>
    /// <param name="innerException">The store client's error.</param>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
