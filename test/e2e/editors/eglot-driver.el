;;; eglot-driver.el --- cognito-guard in a real Emacs + eglot, batch mode  -*- lexical-binding: t -*-
;;
;;   CG_SERVER=bin/cognito-guard-ls.js CG_OUT=result.json CG_RULE=CG101 \
;;     emacs --batch -Q -l eglot-driver.el FILE < /dev/null
;;
;; What a user does, through eglot's own commands: `M-x eglot' with an `eglot-server-programs' entry
;; like the one in the README (node bin/cognito-guard-ls.js --stdio), diagnostics through Flymake,
;; hover through eglot's eldoc function, `M-x eglot-code-actions' at the diagnostic (the prompt is
;; answered with its default, which eglot sets to the action the server marked isPreferred), `C-x C-s'.
;; Batch mode has no command loop, so what the loop would run is run by hand: `flymake-start' (Flymake
;; starts on idle timers and `post-command-hook'), and the choice in the prompt.  eglot sends
;; didChange from an idle timer, which never fires in batch; saving sends the pending change first.
;; Every wait polls `accept-process-output' against one global deadline; there is no fixed sleep.
;; The result goes to CG_OUT as JSON; test/e2e/editors/check.js judges it with the file on disk.
;; Exit status: 0 when every check in here passed, 1 otherwise.

;; -Q skips site-start, so Debian's elpa packages (eglot and the newer project, xref, seq, eldoc it
;; needs) are put on the load path by hand.
(dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p d) (add-to-list 'load-path d)))
(require 'cl-lib)
(require 'subr-x)
(require 'json)
(require 'eglot)

(defvar cg-server (or (getenv "CG_SERVER") (error "Set CG_SERVER to bin/cognito-guard-ls.js")))
(defvar cg-out (or (getenv "CG_OUT") (error "Set CG_OUT to the result JSON path")))
(defvar cg-logs (getenv "CG_LOG_DIR"))
(defvar cg-rule (let ((r (getenv "CG_RULE"))) (if (and r (> (length r) 0)) r "CG101")))
(defvar cg-t0 (float-time))
(defvar cg-deadline
  (+ cg-t0 (/ (string-to-number (or (getenv "CG_TIMEOUT_MS") "20000")) 1000.0)))

(defvar cg-buf nil)
(defvar cg-done nil)
(defvar cg-steps nil)
(defvar cg-checks nil)
(defvar cg-messages nil)
(defvar cg-result nil "Alist of facts for the JSON result.")
(defvar cg-publishes nil "Diagnostics of each publish for the file, newest first.")
(defvar cg-hover-raw nil)
(defvar cg-actions nil)

(defun cg-ms () (round (* 1000 (- (float-time) cg-t0))))
(defun cg-step (name &optional data)
  (push `((t_ms . ,(cg-ms)) (step . ,name) (data . ,data)
          (gc . ((count . ,gcs-done) (ms . ,(round (* 1000 gc-elapsed))))))
        cg-steps))
(defun cg-set (key value) (setf (alist-get key cg-result) value))
(defun cg-check (name ok &optional detail)
  (push `((name . ,name) (ok . ,(if ok t :json-false)) (detail . ,(and (not ok) detail))) cg-checks)
  ok)

(defun cg-diag-summary (d)
  (let ((start (plist-get (plist-get d :range) :start))
        (end (plist-get (plist-get d :range) :end)))
    `((code . ,(plist-get d :code)) (source . ,(plist-get d :source))
      (severity . ,(plist-get d :severity)) (message . ,(plist-get d :message))
      (line . ,(plist-get start :line)) (character . ,(plist-get start :character))
      (end_line . ,(plist-get end :line)) (end_character . ,(plist-get end :character)))))

(defun cg-codes (diags)
  (vconcat (sort (mapcar (lambda (d) (plist-get d :code)) diags) #'string<)))

(defun cg-find-rule (diags)
  (cl-find-if (lambda (d) (equal (plist-get d :code) cg-rule)) diags))

(defun cg-save-logs ()
  "Keep eglot's events buffer (every message exchanged) and the server's stderr as artifacts."
  (when cg-logs
    (dolist (b (buffer-list))
      (let ((name (buffer-name b)))
        (when (string-match "\\`\\*EGLOT.* \\([a-z]+\\)\\*\\'" name)  ; "*EGLOT (...) events*", "... stderr*"
          (with-current-buffer b
            (write-region (point-min) (point-max)
                          (expand-file-name (format "eglot-%s.log" (match-string 1 name)) cg-logs)
                          nil 'silent)))))))

(defun cg-finish (ok &optional err)
  (unless cg-done
    (setq cg-done t)
    (dolist (c cg-checks)
      (unless (eq (alist-get 'ok c) t)
        (setq ok nil)
        (unless err (setq err (format "check failed: %s" (alist-get 'name c))))))
    (cg-step "finish" `((ok . ,(if ok t :json-false)) (error . ,err)))
    (let ((text (and (buffer-live-p cg-buf)
                     (with-current-buffer cg-buf (buffer-substring-no-properties (point-min) (point-max)))))
          (modified (and (buffer-live-p cg-buf) (buffer-modified-p cg-buf))))
      (with-temp-file cg-out
        (insert (json-encode
                 `((editor . "emacs-eglot")
                   (editor_version . ,(format "Emacs %s, eglot %s" emacs-version (cg-eglot-version)))
                   (rule . ,cg-rule)
                   (ok . ,(if ok t :json-false))
                   (error . ,err)
                   (total_ms . ,(cg-ms))
                   (publishes . ,(length cg-publishes))
                   (modified_after_save . ,(if modified t :json-false))
                   ,@cg-result
                   (checks . ,(vconcat (reverse cg-checks)))
                   (messages . ,(vconcat (reverse cg-messages)))
                   (steps . ,(vconcat (reverse cg-steps)))
                   (rpc . ,(vconcat (reverse cg-rpc)))
                   (final_text . ,text))))))
    (cg-save-logs)
    (let ((server (and (buffer-live-p cg-buf)
                       (with-current-buffer cg-buf (eglot-current-server)))))
      (when server (ignore-errors (eglot-shutdown server nil 2 t))))
    (cg-save-logs)
    (kill-emacs (if ok 0 1))))

(defun cg-eglot-version ()
  (let ((dir (locate-library "eglot")))
    (if (and dir (string-match "eglot-\\([0-9.]+\\)/" dir)) (match-string 1 dir) "unknown")))

(defun cg-wait (pred what)
  "Poll for PRED until the global deadline; fail the run on timeout."
  (while (and (not (funcall pred)) (< (float-time) cg-deadline))
    (accept-process-output nil 0.05))
  (unless (funcall pred)
    (cg-finish nil (format "timeout after %d ms waiting for %s" (cg-ms) what))))

;; ---------------------------------------------------------------------------------------------
;; Watching what the server says.

(defun cg-our-uri-p (uri)
  (and (buffer-live-p cg-buf)
       (equal (file-truename (eglot--uri-to-path uri))
              (file-truename (buffer-file-name cg-buf)))))

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics version &allow-other-keys)
  (when (cg-our-uri-p uri)
    (let ((diags (append diagnostics nil)))
      (push diags cg-publishes)
      (cg-step "publishDiagnostics" `((version . ,version) (codes . ,(cg-codes diags)))))))

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql window/logMessage)) &key type message &allow-other-keys)
  (push `((t_ms . ,(cg-ms)) (via . "window/logMessage") (type . ,type) (message . ,message)) cg-messages))

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql window/showMessage)) &key type message &allow-other-keys)
  (push `((t_ms . ,(cg-ms)) (via . "window/showMessage") (type . ,type) (message . ,message)) cg-messages))

(advice-add 'eglot--message :before
            (lambda (format &rest args)
              (push `((t_ms . ,(cg-ms)) (via . "eglot--message") (message . ,(apply #'format format args)))
                    cg-messages)))
(advice-add 'display-warning :before
            (lambda (type message &optional level &rest _)
              (unless (eq level :debug)   ; Flymake's debug log is not shown to users
                (push `((t_ms . ,(cg-ms)) (via . "display-warning") (type . ,(format "%s" type))
                        (level . ,(format "%s" (or level :warning))) (message . ,message))
                      cg-messages))))
(defvar cg-rpc nil "Every JSON-RPC message with its time, newest first.")
(advice-add 'jsonrpc--log-event :before
            (lambda (_conn message &optional type)
              (cl-destructuring-bind (&key method id &allow-other-keys) message
                (push `((t_ms . ,(cg-ms)) (from . ,(format "%s" (or type "internal")))
                        (method . ,method) (id . ,id))
                      cg-rpc))))
(advice-add 'eglot--hover-info :before
            (lambda (contents &rest _) (setq cg-hover-raw contents)))
(advice-add 'eglot--read-execute-code-action :before
            (lambda (actions &rest _) (setq cg-actions actions)))

;; ---------------------------------------------------------------------------------------------
;; The editor setup a user would have: major modes for the two file kinds (stand-ins when the real
;; terraform-mode / yaml-mode are not installed) and the README's eglot-server-programs entry.

(unless (fboundp 'terraform-mode) (define-derived-mode terraform-mode prog-mode "Terraform"))
(unless (fboundp 'yaml-mode) (define-derived-mode yaml-mode prog-mode "YAML"))
(add-to-list 'auto-mode-alist '("\\.tf\\'" . terraform-mode))
(add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode))
(add-to-list 'eglot-server-programs `((terraform-mode yaml-mode) . ("node" ,cg-server "--stdio")))
(setq make-backup-files nil
      create-lockfiles nil)

(defun cg-flymake-diag ()
  "The Flymake diagnostic eglot made from the rule's LSP diagnostic."
  (cl-find-if (lambda (d)
                (equal (plist-get (alist-get 'eglot-lsp-diag (eglot--diag-data d)) :code) cg-rule))
              (flymake-diagnostics)))

(defun cg-position (pos)
  "Zero-based line and column (characters) of POS."
  (save-excursion
    (goto-char pos)
    `((line . ,(1- (line-number-at-pos pos))) (character . ,(- pos (line-beginning-position))))))

(defun cg-run (file)
  (find-file file)                      ; shown in the selected window, as when a user opens it
  (setq cg-buf (current-buffer))
  (cg-step "opened" `((file . ,(buffer-file-name)) (major_mode . ,(symbol-name major-mode))))
  (cg-set 'file (buffer-file-name))
  (cg-set 'hover_formats_advertised (if (fboundp 'gfm-view-mode) ["markdown" "plaintext"] ["plaintext"]))

  ;; M-x eglot: mode, project and server command guessed from the configuration above.
  (call-interactively #'eglot)
  (cg-wait (lambda () (eglot-managed-p)) "eglot to manage the buffer")
  (let ((server (eglot-current-server)))
    (cg-step "initialized" `((serverInfo . ,(eglot--server-info server))
                             (language_id . ,(eglot--language-id server))
                             (project . ,(project-root (eglot--project server))))))

  ;; 1. Diagnostics: the first publish for the file must carry the rule.
  (cg-wait (lambda () cg-publishes) "the first diagnostics")
  (let* ((first (car (last cg-publishes)))
         (diag (cg-find-rule first)))
    (cg-set 'first_diagnostics (vconcat (mapcar #'cg-diag-summary first)))
    (unless diag
      (cg-finish nil (format "the first diagnostics for the file have no %s: %s" cg-rule (cg-codes first))))
    (cg-set 'diagnostic (cg-diag-summary diag))
    (cg-check (format "%s has source cognito-guard" cg-rule) (equal (plist-get diag :source) "cognito-guard")
              (plist-get diag :source))

    ;; What Flymake shows (the command loop would start it; batch mode does not run one).
    (flymake-start)
    (cg-wait #'cg-flymake-diag (format "Flymake to show %s" cg-rule))
    (let* ((fd (cg-flymake-diag))
           (beg (flymake-diagnostic-beg fd))
           (shown (cg-position beg))
           (start (plist-get (plist-get diag :range) :start)))
      (cg-set 'flymake_diagnostic `(,@shown (text . ,(flymake-diagnostic-text fd))
                                            (end . ,(cg-position (flymake-diagnostic-end fd)))))
      (cg-step "flymake shows the diagnostic" shown)
      (cg-check "Flymake position equals the LSP position"
                (and (= (alist-get 'line shown) (plist-get start :line))
                     (= (alist-get 'character shown) (plist-get start :character)))
                (format "%S vs %S" shown start))

      ;; 2. Hover at the diagnostic, through eglot's eldoc function (what the echo area shows).
      (goto-char beg)
      (let (shown-hover)
        (cg-step "hover requested" (cg-position (point)))
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq shown-hover (or info ""))))
        (cg-wait (lambda () shown-hover) "the hover")
        (cg-set 'hover `((kind . ,(and (listp cg-hover-raw) (plist-get cg-hover-raw :kind)))
                         (value . ,(if (listp cg-hover-raw) (plist-get cg-hover-raw :value) cg-hover-raw))
                         (rendered . ,(substring-no-properties shown-hover))))
        (cg-step "hover" (alist-get 'hover cg-result))
        (cg-check "hover shown" (> (length shown-hover) 0)))

      ;; 3. M-x eglot-code-actions at the diagnostic; the user accepts the prompt's default.
      (goto-char beg)
      (let* ((version-before eglot--versioned-identifier)
             (prompt-default nil)
             (last-nonmenu-event ?\r)     ; came from the keyboard: eglot prompts, no popup menu
             (before (buffer-substring-no-properties (point-min) (point-max))))
        (cg-step "code actions requested" (cg-position (point)))
        ;; The minibuffer, answered with RET: `completing-read' hands the prompt to this function.
        (let ((completing-read-function
               (lambda (prompt collection &optional _pred _req _init _hist def &rest _)
                 (setq prompt-default def)
                 (cg-set 'prompt `((prompt . ,prompt)
                                   (choices . ,(vconcat (mapcar (lambda (c) (if (consp c) (car c) c))
                                                                collection)))))
                 def)))
          (call-interactively #'eglot-code-actions))
        (cg-set 'actions
                (vconcat
                 (mapcar (lambda (a)
                           (let ((dc (plist-get (plist-get a :edit) :documentChanges)))
                             `((title . ,(plist-get a :title)) (kind . ,(plist-get a :kind))
                               (isPreferred . ,(if (eq (plist-get a :isPreferred) t) t :json-false))
                               (diagnostics . ,(cg-codes (append (plist-get a :diagnostics) nil)))
                               (edit_version . ,(and dc (> (length dc) 0)
                                                     (plist-get (plist-get (aref dc 0) :textDocument) :version)))
                               (has_changes . ,(if (plist-get (plist-get a :edit) :changes) t :json-false)))))
                         cg-actions)))
        (cg-set 'chosen prompt-default)
        (cg-set 'buffer_version_before_fix version-before)
        (cg-step "code actions offered" (alist-get 'actions cg-result))
        (cg-check "a preferred quick fix is offered"
                  (cl-some (lambda (a) (eq (plist-get a :isPreferred) t)) cg-actions)
                  (format "%S" (mapcar (lambda (a) (plist-get a :title)) cg-actions)))
        (cg-step "fix applied" `((title . ,prompt-default) (buffer_version . ,eglot--versioned-identifier)))
        (cg-check "the fix changed the buffer"
                  (not (equal before (buffer-substring-no-properties (point-min) (point-max))))
                  "buffer unchanged: the edit was not applied"))

      ;; 4. C-x C-s, then wait for diagnostics without the rule.
      (let ((n (length cg-publishes)))
        (save-buffer)
        (cg-step "saved" `((file . ,(buffer-file-name))))
        (cg-wait (lambda () (and (> (length cg-publishes) n) (not (cg-find-rule (car cg-publishes)))))
                 (format "diagnostics without %s" cg-rule))
        (cg-set 'final_diagnostics (vconcat (mapcar #'cg-diag-summary (car cg-publishes))))
        (cg-step (format "%s gone" cg-rule) `((codes . ,(cg-codes (car cg-publishes))))))))
  (cg-finish t))

(let ((file (expand-file-name (car command-line-args-left))))
  (setq command-line-args-left nil)
  (condition-case err
      (cg-run file)
    (error (cg-finish nil (format "error: %s" (error-message-string err))))))
