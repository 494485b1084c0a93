using Twins.GraphQL.Language;

namespace Twins.GraphQL.Execution;

/// <summary>A parsed, validated request with its operation chosen, or the request errors that stop it.</summary>
internal sealed record PreparedRequest(DocumentNode? Document, OperationDefinitionNode? Operation, IReadOnlyList<GraphQLError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Operation is not null;
}
