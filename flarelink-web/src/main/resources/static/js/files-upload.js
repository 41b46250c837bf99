// Uploads the chosen files straight to R2: for each file Flarelink signs a presigned PUT URL (a POST carrying the
// CSRF token), then the browser PUTs the bytes to R2 with a progress bar. The bytes never pass through Flarelink.
(function () {
  var form = document.getElementById('files-upload');
  if (!form) {
    return;
  }
  var input = document.getElementById('upload-files');
  var list = document.getElementById('upload-progress');

  function row(name) {
    var item = document.createElement('li');
    var label = document.createElement('span');
    label.textContent = name + ' ';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement('span');
    status.className = 'files-upload-status';
    item.appendChild(label);
    item.appendChild(bar);
    item.appendChild(status);
    list.appendChild(item);
    return { bar: bar, status: status };
  }

  function sign(key) {
    var body = new URLSearchParams();
    body.append('key', key);
    var csrf = form.querySelector('input[name="_csrf"]');
    if (csrf) {
      body.append('_csrf', csrf.value);
    }
    return fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) {
            throw new Error(answer.error || 'Flarelink could not sign the upload.');
          }
          return answer.url;
        });
      });
  }

  function put(url, file, ui) {
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      request.open('PUT', url);
      if (file.type) {
        request.setRequestHeader('Content-Type', file.type);
      }
      request.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) {
          ui.bar.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      request.addEventListener('load', function () {
        if (request.status >= 200 && request.status < 300) {
          ui.bar.value = 100;
          resolve();
        } else {
          reject(new Error('R2 answered HTTP ' + request.status));
        }
      });
      request.addEventListener('error', function () {
        reject(new Error('R2 could not be reached; check the bucket\'s CORS rules allow this site.'));
      });
      request.send(file);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) {
      return;
    }
    var prefix = form.getAttribute('data-prefix') || '';
    var failures = 0;
    var uploads = files.map(function (file) {
      var ui = row(file.name);
      return sign(prefix + file.name)
        .then(function (url) { return put(url, file, ui); })
        .then(function () { ui.status.textContent = ' uploaded'; })
        .catch(function (error) {
          failures++;
          ui.status.textContent = ' failed: ' + error.message;
          ui.status.classList.add('field-error');
        });
    });
    Promise.all(uploads).then(function () {
      if (failures === 0) {
        window.location.reload();
      }
    });
  });
}());
