using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Testing.Tests;

public sealed class MosquittoBrokerTests
{
    [Fact]
    public async Task StartAsync_PlainListener_AnswersMqtt5ConnectWithSuccess()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(MosquittoBroker.Host, broker.Port);
        var stream = tcp.GetStream();

        await stream.WriteAsync(RawMqtt.Connect("fixture-plain"));

        Assert.Equal(0x00, await RawMqtt.ReadConnAckReasonAsync(stream));
    }

    [Fact]
    public async Task StartAsync_WithTls_AcceptsClientCertificateFromTestCa()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });
        using var client = broker.Certificates!.IssueClient("Vehicle_TEST1");

        await using var tls = await ConnectTlsAsync(broker, client);
        await tls.WriteAsync(RawMqtt.Connect("Vehicle_TEST1"));

        Assert.Equal(0x00, await RawMqtt.ReadConnAckReasonAsync(tls));
    }

    [Fact]
    public async Task Reload_AfterRevokingClientCertificate_BrokerRefusesIt()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true, UseCrl = true });
        using var revoked = broker.Certificates!.IssueClient("Vehicle_REVOKED");

        broker.Certificates.Revoke(revoked);
        broker.Reload();

        // mosquitto re-reads the CRL asynchronously after SIGHUP: poll until a new handshake is refused.
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await using var tls = await ConnectTlsAsync(broker, revoked);
                await tls.WriteAsync(RawMqtt.Connect("Vehicle_REVOKED"));
                await RawMqtt.ReadConnAckReasonAsync(tls);
                return false;
            }
            catch (Exception ex) when (ex is IOException or AuthenticationException or EndOfStreamException)
            {
                return true;
            }
        }, "the broker to refuse a revoked certificate");
    }

    [Fact]
    public async Task DisposeAsync_StopsTheBrokerProcess()
    {
        var broker = await MosquittoBroker.StartAsync();
        var pid = broker.ProcessId;

        await broker.DisposeAsync();

        Assert.DoesNotContain(Process.GetProcessesByName("mosquitto"), p => p.Id == pid);
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(MosquittoBroker.Host, broker.Port));
        Assert.False(Directory.Exists(broker.Directory));
    }

    private static async Task<SslStream> ConnectTlsAsync(MosquittoBroker broker, X509Certificate2 clientCertificate)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(MosquittoBroker.Host, broker.TlsPort!.Value);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, certificate, _, _) => broker.Certificates!.IsIssuedByThisAuthority(certificate));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [clientCertificate],
        });
        return tls;
    }
}
