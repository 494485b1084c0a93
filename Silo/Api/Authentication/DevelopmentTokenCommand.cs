using System.Globalization;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>
/// <c>Twins.Silo token --role operator [--vehicles a,b] [--hours 12] [--data .twins]</c> (what <c>./twins token</c>
/// runs): prints a bearer token signed with the development key the silo uses when no key is configured.
/// </summary>
internal static class DevelopmentTokenCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string role = FleetCaller.Operator, data = Hosting.SiloHostOptions.DefaultDataDirectory;
        string[]? vehicles = null;
        var hours = 12.0;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is FleetCaller.Operator or FleetCaller.Owner or FleetCaller.Service:
                    role = value;
                    i++;
                    break;
                case "--vehicles" when value is not null:
                    vehicles = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    i++;
                    break;
                case "--hours" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) && hours > 0:
                    i++;
                    break;
                case "--data" or "--Twins:DataDirectory" when value is not null:
                    data = value;
                    i++;
                    break;
                default:
                    error.WriteLine("usage: token --role operator|owner|service [--vehicles thing1,thing2] [--hours 12] [--data .twins]");
                    return 2;
            }
        }

        if (role == FleetCaller.Owner && vehicles is null)
        {
            error.WriteLine("an owner token needs --vehicles");
            return 2;
        }

        var options = Options.Create(new ApiAuthenticationOptions());
        var issuer = new ApiTokenIssuer(options, new ApiSigningKey(options, new ApiKeyLocation(Path.GetFullPath(data))), TimeProvider.System);
        output.WriteLine(issuer.IssueToken("dev-" + role, role, role == FleetCaller.Owner ? vehicles : null, TimeSpan.FromHours(hours)));
        return 0;
    }
}
