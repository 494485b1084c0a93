namespace Twins.Grains.Commands;

/// <summary>A command request to publish at QoS 1 with its MQTT 5 properties.</summary>
/// <param name="Topic"><c>$aws/commands/things/{thing}/executions/{executionId}/request/json</c>.</param>
/// <param name="Payload"><c>{"executionId","command","parameters","deadline"}</c> (deadline in epoch milliseconds).</param>
/// <param name="MessageExpiryInterval">Seconds left before the deadline (at least 1).</param>
/// <param name="ResponseTopic">Where the vehicle answers.</param>
/// <param name="CorrelationData">The execution id in UTF-8.</param>
/// <param name="ExecutionId">The execution this request is for.</param>
public sealed record CommandRequestMessage(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    uint MessageExpiryInterval,
    string ResponseTopic,
    ReadOnlyMemory<byte> CorrelationData,
    string ExecutionId)
{
    /// <summary>Requests are published at QoS 1.</summary>
    public const int QualityOfService = 1;
}
