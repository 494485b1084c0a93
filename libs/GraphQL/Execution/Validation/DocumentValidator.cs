using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;
using Twins.GraphQL.Validation.Rules;

namespace Twins.GraphQL.Validation;

/// <summary>Runs every validation rule of the specification (graphql-js specifiedRules) over a document.</summary>
internal static class DocumentValidator
{
    public const int MaxErrors = 100;

    public static IReadOnlyList<ValidationRule> SpecifiedRules() =>
    [
        new ExecutableDefinitionsRule(),
        new UniqueOperationNamesRule(),
        new LoneAnonymousOperationRule(),
        new SingleFieldSubscriptionsRule(),
        new KnownTypeNamesRule(),
        new FragmentsOnCompositeTypesRule(),
        new VariablesAreInputTypesRule(),
        new ScalarLeafsRule(),
        new FieldsOnCorrectTypeRule(),
        new UniqueFragmentNamesRule(),
        new KnownFragmentNamesRule(),
        new NoUnusedFragmentsRule(),
        new PossibleFragmentSpreadsRule(),
        new NoFragmentCyclesRule(),
        new UniqueVariableNamesRule(),
        new NoUndefinedVariablesRule(),
        new NoUnusedVariablesRule(),
        new KnownDirectivesRule(),
        new UniqueDirectivesPerLocationRule(),
        new KnownArgumentNamesRule(),
        new UniqueArgumentNamesRule(),
        new ValuesOfCorrectTypeRule(),
        new ProvidedRequiredArgumentsRule(),
        new VariablesInAllowedPositionRule(),
        new OverlappingFieldsCanBeMergedRule(),
        new UniqueInputFieldNamesRule(),
        new MaxIntrospectionDepthRule(),
    ];

    /// <summary>Validates <paramref name="document"/>; an empty list means it is valid.</summary>
    public static List<GraphQLError> Validate(Schema schema, DocumentNode document, IReadOnlyList<ValidationRule>? rules = null)
    {
        var typeInfo = new TypeInfo(schema);
        var context = new ValidationContext(schema, document, typeInfo, MaxErrors);
        var walker = new DocumentWalker(typeInfo, rules ?? SpecifiedRules(), context);
        context.Walker = walker;
        try
        {
            walker.Walk(document);
        }
        catch (TooManyErrorsException error)
        {
            context.Errors.Add(new GraphQLError(error.Message, null, null, ErrorExtensions.Code(ErrorCodes.ValidationFailed)));
        }

        return context.Errors;
    }
}
