using Coffer.Sync.Media;
using Coffer.Sync.Recovery;

namespace Coffer.Server.Web;

/// <summary>The services behind the mail, SMS, photos and files pages and API (docs/web.md, "Mail, SMS, photos and files").</summary>
public static class MediaSetup
{
    public static void AddCofferMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Coffer:Thumbnails").Get<ThumbnailOptions>() ?? new ThumbnailOptions());
        builder.Services.AddSingleton<MediaLibrary>();
        builder.Services.AddSingleton<ThumbnailMaker>();
        builder.Services.AddSingleton<ThumbnailCache>();
        builder.Services.AddSingleton<Thumbnails>();
        builder.Services.AddSingleton<MailReader>();
        builder.Services.AddSingleton<SmsReader>();
        builder.Services.AddSingleton<RecoveryPreview>();
        builder.Services.AddSingleton<Coffer.Sync.Profiles.DeviceProfiles>();
    }
}
