//! POST /espace/structure/logo (multipart): the team sends a logo; it is stored re-encoded.

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::response::Response;

use crate::app::AppState;
use crate::directory::actions;
use crate::directory::logo::{self, Upload};
use crate::web::{AppError, CurrentUser, PageCtx, csrf, ratelimit, render_status, see_other};

pub(super) async fn upload(
    State(app): State<AppState>,
    ctx: PageCtx,
    user: CurrentUser,
    req: Request,
) -> Result<Response, AppError> {
    if !csrf::same_origin(req.headers(), &app.config.base_url) {
        return Err(AppError::Csrf);
    }
    let s = super::team_structure(&app, &user).await?;
    // Each upload is decoded: a team gets a few per window, like the other forms.
    ratelimit::hit(&app.db, &format!("logo:{}", user.id), app.config.rate_forms, app.config.rate_window_minutes)
        .await?;
    let multipart = Multipart::from_request(req, &app).await.map_err(|_| AppError::Csrf)?;
    let (token, upload) = read(multipart).await;
    if !csrf::verify(&app.secret, Some(&user.session_id), &token) {
        return Err(AppError::Csrf);
    }
    match actions::replace_logo(&app.db, &app.directory, &app.data_dir, &s, upload).await {
        Ok(false) => Ok(see_other("/espace/structure", "flash-logo-saved")),
        Ok(true) => Ok(see_other("/espace/structure", "flash-logo-saved-review")),
        Err(refused) => {
            let (status, errors) = refused.into_form()?;
            render_status(status, &super::refused(&app, ctx, s, errors).await?)
        }
    }
}

/// The form token and the logo of the request, read up to the size limit (the form is
/// multipart, so `CsrfForm` cannot read it).
async fn read(mut multipart: Multipart) -> (String, Upload) {
    let mut token = String::new();
    let mut upload = Upload::default();
    while let Ok(Some(mut field)) = multipart.next_field().await {
        match field.name() {
            Some("_csrf") => token = field.text().await.unwrap_or_default(),
            Some("logo") => {
                let mut data = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            data.extend_from_slice(&chunk);
                            if data.len() > logo::MAX_BYTES {
                                upload.too_big = true;
                                break;
                            }
                        }
                        Ok(None) => break,
                        Err(_) => {
                            upload.too_big = true;
                            break;
                        }
                    }
                }
                upload.bytes = Some(data);
            }
            _ => {}
        }
        if upload.too_big {
            break;
        }
    }
    (token, upload)
}
