using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Twins.Silo.Tests.Api;

/// <summary>A bare graphql-transport-ws client: sends <c>connection_init</c> and reports the server's answer.</summary>
internal static class GraphQLWsProbe
{
    /// <summary>Returns the first message's type (<c>connection_ack</c>) or the close code the server ended with.</summary>
    public static async Task<(string? MessageType, int? CloseCode)> InitAsync(Uri address, object? payload)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(address, timeout.Token);
        var init = JsonSerializer.SerializeToUtf8Bytes(new { type = "connection_init", payload });
        await socket.SendAsync(init, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            return (null, (int?)result.CloseStatus);
        }

        using var message = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count));
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        return (message.RootElement.GetProperty("type").GetString(), null);
    }
}
