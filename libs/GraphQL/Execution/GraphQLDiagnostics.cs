using System.Diagnostics;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Execution;

/// <summary>
/// The executor's spans: one server span per executed query or mutation on the activity source
/// <see cref="ActivitySourceName"/>, named and tagged as the OpenTelemetry GraphQL conventions say
/// (<c>graphql.operation.type</c>, <c>graphql.operation.name</c>). Resolvers' own calls (to a database, to
/// another service) become its children. Register the source with a tracer provider to record them;
/// without a listener nothing is allocated.
/// </summary>
public static class GraphQLDiagnostics
{
    /// <summary>The activity source name to register with a tracer provider.</summary>
    public const string ActivitySourceName = "Twins.GraphQL";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static Activity? StartOperation(OperationType type, string? operationName)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("GraphQL Operation", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            var typeName = type switch
            {
                OperationType.Mutation => "mutation",
                OperationType.Subscription => "subscription",
                _ => "query",
            };
            activity.DisplayName = operationName is null ? typeName : typeName + " " + operationName;
            activity.SetTag("graphql.operation.type", typeName);
            if (operationName is not null)
            {
                activity.SetTag("graphql.operation.name", operationName);
            }
        }

        return activity;
    }

    internal static void Failed(Activity? activity, string errorType)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", errorType);
        }
    }
}
