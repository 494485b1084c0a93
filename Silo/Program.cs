using Twins.Silo.Api.Authentication;
using Twins.Silo.Cli;
using Twins.Silo.Hosting;

if (args is ["token", .. var tokenArgs])
{
    Environment.ExitCode = DevelopmentTokenCommand.Run(tokenArgs, Console.Out, Console.Error);
    return;
}

if (args is ["claim", .. var claimArgs])
{
    Environment.ExitCode = await ClaimCertificateCommand.RunAsync(claimArgs, Console.Out, Console.Error);
    return;
}

var app = SiloApplication.Build(args);
await app.RunAsync();
