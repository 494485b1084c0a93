using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// <c>Twins.Silo token --role operator [--vehicles a,b] [--hours 12] [--data .twins]</c> (what <c>./twins token</c>
/// runs): prints a bearer token signed with the development key the silo uses when no key is configured. Parsed by
/// System.CommandLine (as the simulator is), so <c>--help</c> and its error messages come with it.
/// </summary>
internal static class DevelopmentTokenCommand
{
    /// <summary>Exit code for a command line that does not parse (System.CommandLine's own).</summary>
    public const int UsageError = 1;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Description = "The token's role.", DefaultValueFactory = _ => FleetCaller.Operator };
        role.AcceptOnlyFromAmong(FleetCaller.Operator, FleetCaller.Owner, FleetCaller.Service);
        var vehicles = new Option<string?>("--vehicles") { Description = "An owner's vehicles (thing names, comma-separated)." };
        var hours = new Option<double>("--hours") { Description = "Lifetime in hours.", DefaultValueFactory = _ => 12 };
        hours.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not > 0)
            {
                result.AddError("--hours must be above 0.");
            }
        });
        var data = new Option<string>("--data", "--Twins:DataDirectory") { Description = "The silo's data directory (holds dev-jwt-key).", DefaultValueFactory = _ => Hosting.SiloHostOptions.DefaultDataDirectory };
        var command = new RootCommand("Prints a development API token signed with the silo's development key.") { role, vehicles, hours, data };
        command.Validators.Add(result =>
        {
            // The tokens, not GetValue: a role outside the accepted ones already has its own error, and GetValue would throw on it.
            if (result.GetResult(role)?.Tokens is [{ Value: FleetCaller.Owner }] && string.IsNullOrWhiteSpace(result.GetValue(vehicles)))
            {
                result.AddError("An owner token needs --vehicles.");
            }
        });
        command.SetAction(result =>
        {
            var chosen = result.GetValue(role)!;
            var scope = chosen == FleetCaller.Owner
                ? result.GetValue(vehicles)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            var options = Options.Create(new ApiAuthenticationOptions());
            var issuer = new ApiTokenIssuer(options, new ApiSigningKey(options, new ApiKeyLocation(Path.GetFullPath(result.GetValue(data)!))), TimeProvider.System);
            output.WriteLine(issuer.IssueToken("dev-" + chosen, chosen, scope, TimeSpan.FromHours(result.GetValue(hours))));
            return 0;
        });
        return command.Parse([.. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
