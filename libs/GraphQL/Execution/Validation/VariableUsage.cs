using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation;

/// <summary>A variable used in a value position, with the input type expected there.</summary>
internal sealed record VariableUsage(VariableNode Node, IGraphQLType? Type, object? DefaultValue, IGraphQLType? ParentType);
