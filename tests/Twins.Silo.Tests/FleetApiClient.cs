using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Twins.Silo.Tests;

/// <summary>A plain HTTP GraphQL client (POST application/json) for the silo's /graphql.</summary>
public sealed class FleetApiClient(Uri baseAddress, string? token, string? apiKey = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public async Task<JsonObject> SendAsync(string query, object? variables = null)
    {
        var (status, _, text) = await SendWithStatusAsync(query, variables);
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{status}: {text}");
    }

    /// <summary>The raw answer: status, <c>WWW-Authenticate</c> (or <c>null</c>) and body.</summary>
    public async Task<(HttpStatusCode Status, string? Challenge, string Body)> SendWithStatusAsync(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await _http.SendAsync(request);
        var challenge = response.Headers.WwwAuthenticate.Count == 0 ? null : response.Headers.WwwAuthenticate.ToString();
        return (response.StatusCode, challenge, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var result = await SendAsync(query, variables);
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!;
    }

    public void Dispose() => _http.Dispose();
}
