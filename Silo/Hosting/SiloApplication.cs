namespace Twins.Silo.Hosting;

/// <summary>Builds the silo's web application; shared by Program and by tests that start a real silo.</summary>
public static class SiloApplication
{
    /// <summary>Where the silo listens unless <c>--urls</c> (or ASPNETCORE_URLS) says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Creates the host with configuration from <paramref name="args"/>, appsettings and the environment.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.AddTwinsSiloHost();
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
