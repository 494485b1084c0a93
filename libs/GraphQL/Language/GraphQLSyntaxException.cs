namespace Twins.GraphQL.Language;

/// <summary>A document could not be parsed; carries the one-based line and column of the problem.</summary>
public sealed class GraphQLSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphQLSyntaxException()
        : this("Syntax error.", 1, 1)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphQLSyntaxException(string message)
        : this(message, 1, 1)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphQLSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Description = message;
        Line = 1;
        Column = 1;
    }

    /// <summary>Creates the exception for <paramref name="description"/> at a position.</summary>
    public GraphQLSyntaxException(string description, int line, int column)
        : base("Syntax Error: " + description)
    {
        Description = description;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the "Syntax Error: " prefix.</summary>
    public string Description { get; }

    /// <summary>One-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>One-based column (in UTF-16 code units, as graphql-js counts) of the problem.</summary>
    public int Column { get; }
}
