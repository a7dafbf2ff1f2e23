import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { api, type LoginBody } from '../../api/endpoints.ts';
import {
  clearSessionExpired,
  sessionJustExpired,
  useMeQuery,
  useResetSession,
} from '../../auth/session.ts';
import { CHANGE_PASSWORD_PATH, FullPageSpin } from '../../auth/guards.tsx';
import { t } from '../../locale/zh-CN.ts';

interface LoginState {
  from?: string;
}

function safeFrom(from: unknown): string {
  // Only a path inside the console, never another site or the login page itself.
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return '/';
  return from.startsWith('/login') ? '/' : from;
}

export default function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const me = useMeQuery();
  const resetSession = useResetSession();
  const [expired] = useState(sessionJustExpired);
  useEffect(clearSessionExpired, []);

  const login = useMutation({
    mutationFn: (body: LoginBody) => api.auth.login(body),
    onSuccess: (user) => {
      resetSession(user);
      void navigate(user.mustChangePassword ? CHANGE_PASSWORD_PATH : safeFrom(state.from), {
        replace: true,
      });
    },
  });

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !login.isPending) {
    return (
      <Navigate
        to={me.data.mustChangePassword ? CHANGE_PASSWORD_PATH : safeFrom(state.from)}
        replace
      />
    );
  }

  return (
    <main className="login-page">
      <title>{t.app.pageTitle(t.auth.loginTitle)}</title>
      <div className="login-card">
        <div className="login-head">
          <span className="app-emblem" aria-hidden="true">
            便
          </span>
          <h1>{t.app.title}</h1>
          <p>{t.auth.loginTitle}</p>
        </div>
        {expired && !login.isError && !login.isSuccess ? (
          <Alert type="warning" showIcon title={t.errors.sessionExpired} className="block-gap" />
        ) : null}
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t.auth.loginFailedTitle}
            description={errorMessage(login.error)}
            className="block-gap"
          />
        ) : null}
        <Form<LoginBody>
          name="login"
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) =>
            login.mutate({ username: values.username.trim(), password: values.password })
          }
        >
          <Form.Item
            label={t.auth.username}
            name="username"
            rules={[{ required: true, whitespace: true, message: t.auth.usernamePlaceholder }]}
          >
            <Input
              size="large"
              prefix={<UserOutlined aria-hidden="true" />}
              placeholder={t.auth.usernamePlaceholder}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
            />
          </Form.Item>
          <Form.Item
            label={t.auth.password}
            name="password"
            rules={[{ required: true, message: t.auth.passwordPlaceholder }]}
          >
            <Input.Password
              size="large"
              prefix={<LockOutlined aria-hidden="true" />}
              placeholder={t.auth.passwordPlaceholder}
              autoComplete="current-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
            {t.auth.login}
          </Button>
        </Form>
        <p className="login-footer">{t.auth.footer}</p>
      </div>
    </main>
  );
}
