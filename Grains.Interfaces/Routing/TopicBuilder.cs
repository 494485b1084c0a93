namespace Twins.Grains.Routing;

/// <summary>Builds every topic Twins publishes to (and the filters the gateway subscribes to), with the configured prefixes.</summary>
public sealed class TopicBuilder
{
    private readonly string _aws;
    private readonly string _twins;

    /// <summary>Creates a builder for the given prefixes (the defaults unless told otherwise).</summary>
    public TopicBuilder(TopicOptions? options = null)
    {
        options ??= TopicOptions.Default;
        options.Validate();
        _aws = options.AwsPrefix;
        _twins = options.TwinsPrefix;
    }

    /// <summary><c>$aws/things/{thing}/shadow</c> or <c>$aws/things/{thing}/shadow/name/{shadow}</c>.</summary>
    public string ShadowPrefix(string thingName, string? shadowName) =>
        shadowName is null ? $"{_aws}/things/{thingName}/shadow" : $"{_aws}/things/{thingName}/shadow/name/{shadowName}";

    /// <summary>The request topic of a shadow operation (<c>.../update</c>, <c>.../get</c>, <c>.../delete</c>).</summary>
    public string ShadowRequest(string thingName, string? shadowName, ShadowOperation operation) =>
        $"{ShadowPrefix(thingName, shadowName)}/{OperationName(operation)}";

    /// <summary><c>.../{operation}/accepted</c></summary>
    public string ShadowAccepted(string thingName, string? shadowName, ShadowOperation operation) =>
        $"{ShadowRequest(thingName, shadowName, operation)}/accepted";

    /// <summary><c>.../{operation}/rejected</c></summary>
    public string ShadowRejected(string thingName, string? shadowName, ShadowOperation operation) =>
        $"{ShadowRequest(thingName, shadowName, operation)}/rejected";

    /// <summary><c>.../update/delta</c></summary>
    public string ShadowUpdateDelta(string thingName, string? shadowName) => $"{ShadowPrefix(thingName, shadowName)}/update/delta";

    /// <summary><c>.../update/documents</c></summary>
    public string ShadowUpdateDocuments(string thingName, string? shadowName) => $"{ShadowPrefix(thingName, shadowName)}/update/documents";

    /// <summary><c>$aws/events/presence/connected/{clientId}</c> (published by vehicles on brokers without lifecycle events).</summary>
    public string PresenceConnected(string clientId) => $"{_aws}/events/presence/connected/{clientId}";

    /// <summary><c>$aws/events/presence/disconnected/{clientId}</c> (a vehicle's MQTT Will).</summary>
    public string PresenceDisconnected(string clientId) => $"{_aws}/events/presence/disconnected/{clientId}";

    /// <summary><c>$aws/commands/things/{thing}/executions/{executionId}/request/json</c></summary>
    public string CommandRequest(string thingName, string executionId) => $"{_aws}/commands/things/{thingName}/executions/{executionId}/request/json";

    /// <summary><c>$aws/commands/things/{thing}/executions/{executionId}/response/json</c></summary>
    public string CommandResponse(string thingName, string executionId) => $"{_aws}/commands/things/{thingName}/executions/{executionId}/response/json";

    /// <summary><c>$aws/events/commandExecution/{command}/{status}</c></summary>
    public string CommandExecutionEvent(string command, string status) => $"{_aws}/events/commandExecution/{command}/{status}";

    /// <summary><c>twins/vehicles/{thing}/telemetry</c></summary>
    public string Telemetry(string thingName) => $"{_twins}/vehicles/{thingName}/telemetry";

    /// <summary><c>twins/vehicles/{thing}/critical</c></summary>
    public string VehicleCritical(string thingName) => $"{_twins}/vehicles/{thingName}/critical";

    /// <summary><c>twins/fleet/critical</c></summary>
    public string FleetCritical() => $"{_twins}/fleet/critical";

    /// <summary><c>$aws/certificates/create-from-csr/json</c></summary>
    public string CreateFromCsr() => $"{_aws}/certificates/create-from-csr/json";

    /// <summary><c>$aws/certificates/create-from-csr/json/accepted</c></summary>
    public string CreateFromCsrAccepted() => $"{CreateFromCsr()}/accepted";

    /// <summary><c>$aws/certificates/create-from-csr/json/rejected</c></summary>
    public string CreateFromCsrRejected() => $"{CreateFromCsr()}/rejected";

    /// <summary><c>$aws/provisioning-templates/{template}/provision/json</c></summary>
    public string Provision(string templateName) => $"{_aws}/provisioning-templates/{templateName}/provision/json";

    /// <summary><c>$aws/provisioning-templates/{template}/provision/json/accepted</c></summary>
    public string ProvisionAccepted(string templateName) => $"{Provision(templateName)}/accepted";

    /// <summary><c>$aws/provisioning-templates/{template}/provision/json/rejected</c></summary>
    public string ProvisionRejected(string templateName) => $"{Provision(templateName)}/rejected";

    /// <summary>
    /// The topic filters of every inbound topic <see cref="TopicRouter"/> accepts, optionally as MQTT 5
    /// shared subscriptions (<c>$share/{group}/...</c>) so the gateway's workers split the load.
    /// </summary>
    public IReadOnlyList<string> InboundFilters(string? shareGroup = null)
    {
        string[] filters =
        [
            $"{_aws}/things/+/shadow/update",
            $"{_aws}/things/+/shadow/get",
            $"{_aws}/things/+/shadow/delete",
            $"{_aws}/things/+/shadow/name/+/update",
            $"{_aws}/things/+/shadow/name/+/get",
            $"{_aws}/things/+/shadow/name/+/delete",
            $"{_aws}/events/presence/connected/+",
            $"{_aws}/events/presence/disconnected/+",
            $"{_aws}/commands/things/+/executions/+/response/json",
            $"{_twins}/vehicles/+/telemetry",
            CreateFromCsr(),
            $"{_aws}/provisioning-templates/+/provision/json",
        ];
        return shareGroup is null ? filters : [.. filters.Select(f => $"$share/{shareGroup}/{f}")];
    }

    private static string OperationName(ShadowOperation operation) => operation switch
    {
        ShadowOperation.Update => "update",
        ShadowOperation.Get => "get",
        ShadowOperation.Delete => "delete",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
