using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Twins.Grains.WakeUp;

/// <summary>
/// POSTs wake-up requests to a webhook (an SMS gateway, a telematics provider), retrying transient
/// failures (network errors, timeouts, 408, 429 and 5xx) with exponential backoff through Polly.
/// </summary>
public sealed partial class WebhookWakeUpNotifier : IWakeUpNotifier
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookWakeUpNotifier> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the notifier over <paramref name="http"/>; the options must name a webhook URL.</summary>
    public WebhookWakeUpNotifier(HttpClient http, IOptions<WebhookWakeUpOptions> options, TimeProvider time, ILogger<WebhookWakeUpNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _http = http;
        _url = o.WebhookUrl ?? throw new ArgumentException($"{WebhookWakeUpOptions.SectionName}:WebhookUrl is required.", nameof(options));
        _time = time;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = o.MaxRetries,
                Delay = o.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?");
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(o.AttemptTimeout).Build();
    }

    /// <inheritdoc />
    public async Task RequestWakeUpAsync(string vehicle, string executionId, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["thingName"] = vehicle,
            ["executionId"] = executionId,
            ["requestedAt"] = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                static async (state, ct) => await state.Http.PostAsJsonAsync(state.Url, state.Body, ct).ConfigureAwait(false),
                (Http: _http, Url: _url, Body: body),
                cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                LogSent(_logger, vehicle, executionId);
            }
            else
            {
                LogGaveUp(_logger, vehicle, executionId, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            LogGaveUp(_logger, vehicle, executionId, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 7211, Level = LogLevel.Information, Message = "Wake-up webhook accepted the request for {Vehicle} (execution {ExecutionId})")]
    private static partial void LogSent(ILogger logger, string vehicle, string executionId);

    [LoggerMessage(EventId = 7212, Level = LogLevel.Warning, Message = "Wake-up webhook attempt {Attempt} failed ({Failure}); retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, string failure);

    [LoggerMessage(EventId = 7213, Level = LogLevel.Error, Message = "Wake-up webhook gave up for {Vehicle} (execution {ExecutionId}): {Failure}")]
    private static partial void LogGaveUp(ILogger logger, string vehicle, string executionId, string failure);
}
