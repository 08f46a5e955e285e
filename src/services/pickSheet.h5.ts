import type { PickedSheet } from './pickSheet';

export function pickSheet(): Promise<PickedSheet | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      const xlsx = /\.xlsx$/i.test(file.name);
      const reader = new FileReader();
      reader.onerror = () => reject(new Error('无法读取该文件'));
      reader.onload = () => {
        const result = String(reader.result ?? '');
        resolve({ name: file.name, format: xlsx ? 'xlsx' : 'csv', content: xlsx ? result.slice(result.indexOf(',') + 1) : result });
      };
      if (xlsx) reader.readAsDataURL(file);
      else reader.readAsText(file, 'utf-8');
    };
    document.body.appendChild(input);
    input.click();
  });
}
