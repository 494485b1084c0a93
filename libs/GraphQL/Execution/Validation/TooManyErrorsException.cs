namespace Twins.GraphQL.Validation;

/// <summary>Stops validation once the error limit is reached.</summary>
internal sealed class TooManyErrorsException : Exception
{
    public TooManyErrorsException()
        : base("Too many validation errors, error limit reached. Validation aborted.")
    {
    }

    public TooManyErrorsException(string message)
        : base(message)
    {
    }

    public TooManyErrorsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
