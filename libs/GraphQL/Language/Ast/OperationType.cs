namespace Twins.GraphQL.Language;

internal enum OperationType
{
    Query,
    Mutation,
    Subscription,
}
