using Twins.GraphQL.Language;

namespace Twins.GraphQL.Execution;

/// <summary>A GraphQL error tied to a place in the document (argument coercion failures).</summary>
internal sealed class LocatedException : GraphQLException
{
    public LocatedException(string message, SyntaxNode node)
        : base(message)
    {
        Node = node;
    }

    public SyntaxNode Node { get; }
}
