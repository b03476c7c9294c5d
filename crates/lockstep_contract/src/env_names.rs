//! What an environment variable's name says: whether bundlers ship it to the browser (a public
//! prefix such as `VITE_`) and whether it names a secret, so a secret behind a public prefix
//! (`VITE_OPENAI_API_KEY`) is told from a key made to be published (`VITE_SUPABASE_ANON_KEY`).

use crate::resolve::PUBLIC_PREFIXES;

/// Words that make a name a secret whatever else it says.
const SECRET: [&[&str]; 9] = [
    &["SECRET"],
    &["PRIVATE"],
    &["PASSWORD"],
    &["PASSWD"],
    &["ADMIN"],
    &["SERVICE", "ROLE"],
    &["SERVICE", "ACCOUNT"],
    &["DATABASE", "URL"],
    &["CONNECTION", "STRING"],
];

/// Words that make a name a secret unless it is one of the publishable kinds below.
const CREDENTIAL: [&[&str]; 7] =
    [&["API", "KEY"], &["APIKEY"], &["TOKEN"], &["ACCESS", "KEY"], &["AUTH", "KEY"], &["CREDENTIALS"], &["JWT"]];

/// Keys made to be shipped to browsers: publishable, anonymous, public and site keys, client
/// ids, and the browser keys of services whose web config is public by design (Firebase, Google
/// Maps and Analytics, Sentry, `PostHog`, Mapbox, Algolia search, Pusher, analytics SDKs).
const PUBLISHABLE: [&[&str]; 22] = [
    &["PUBLISHABLE"],
    &["ANON"],
    &["PUBLIC"],
    &["SITE", "KEY"],
    &["CLIENT"],
    &["DSN"],
    &["MEASUREMENT"],
    &["FIREBASE"],
    &["MAPS"],
    &["MAPBOX"],
    &["SENTRY"],
    &["POSTHOG"],
    &["AMPLITUDE"],
    &["MIXPANEL"],
    &["SEGMENT"],
    &["SEARCH"],
    &["PUSHER"],
    &["ONESIGNAL"],
    &["RECAPTCHA"],
    &["HCAPTCHA"],
    &["TURNSTILE"],
    &["ANALYTICS"],
];

/// The public prefix a name starts with (`NEXT_PUBLIC_`, `VITE_`, ...), if any.
pub fn public_prefix(name: &str) -> Option<&'static str> {
    PUBLIC_PREFIXES.iter().copied().find(|p| name.starts_with(p))
}

/// Whether a name says it holds a secret: `SECRET`, `PRIVATE`, `PASSWORD`, `SERVICE_ROLE` and the
/// like always; `API_KEY`, `TOKEN`, `ACCESS_KEY` unless the name is a publishable kind
/// (`SUPABASE_ANON_KEY`, `STRIPE_PUBLISHABLE_KEY`, `FIREBASE_API_KEY`, `MAPBOX_TOKEN`). The
/// public prefix itself is not read as words.
pub fn names_secret(name: &str) -> bool {
    let rest = public_prefix(name).map_or(name, |p| &name[p.len()..]);
    let upper = rest.to_ascii_uppercase();
    let words: Vec<&str> = upper.split(['_', '-']).filter(|w| !w.is_empty()).collect();
    let has = |sequence: &[&str]| words.windows(sequence.len()).any(|w| w == sequence);
    if SECRET.iter().any(|s| has(s)) {
        return true;
    }
    CREDENTIAL.iter().any(|s| has(s)) && !PUBLISHABLE.iter().any(|s| has(s))
}

/// Whether a variable is meant for the browser: it has a public prefix and does not name a
/// secret.
pub fn is_public_name(name: &str) -> bool {
    public_prefix(name).is_some() && !names_secret(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_behind_public_prefixes_are_told_from_publishable_keys() {
        for secret in [
            "NEXT_PUBLIC_SENDGRID_API_KEY",
            "VITE_OPENAI_API_KEY",
            "VITE_STRIPE_SECRET_KEY",
            "VITE_SUPABASE_SERVICE_ROLE_KEY",
            "NEXT_PUBLIC_GITHUB_TOKEN",
            "VITE_ALGOLIA_ADMIN_API_KEY",
            "REACT_APP_DB_PASSWORD",
            "VITE_FIREBASE_PRIVATE_KEY",
            "EXPO_PUBLIC_OPENAI_APIKEY",
        ] {
            assert!(names_secret(secret) && !is_public_name(secret), "{secret} is a secret");
        }
        for public in [
            "NEXT_PUBLIC_SUPABASE_URL",
            "NEXT_PUBLIC_SUPABASE_ANON_KEY",
            "VITE_SUPABASE_PUBLISHABLE_KEY",
            "VITE_SUPABASE_PROJECT_ID",
            "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
            "VITE_FIREBASE_API_KEY",
            "NEXT_PUBLIC_GOOGLE_MAPS_API_KEY",
            "NEXT_PUBLIC_GA_MEASUREMENT_ID",
            "NEXT_PUBLIC_SENTRY_DSN",
            "NEXT_PUBLIC_POSTHOG_KEY",
            "VITE_POSTHOG_API_KEY",
            "NEXT_PUBLIC_MAPBOX_TOKEN",
            "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
            "VITE_ALGOLIA_SEARCH_API_KEY",
            "NEXT_PUBLIC_RECAPTCHA_SITE_KEY",
            "VITE_API_URL",
            "VITE_GOOGLE_CLIENT_ID",
        ] {
            assert!(is_public_name(public), "{public} is publishable");
        }
        assert!(!is_public_name("OPENAI_API_KEY"), "no public prefix");
        assert!(names_secret("OPENAI_API_KEY"));
    }
}
